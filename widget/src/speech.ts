/**
 * @module
 * Read aloud with the browser's speech synthesis, only with a Vietnamese voice (an
 * English voice reading Vietnamese is unintelligible). Voices load asynchronously in
 * Chrome, so availability is re-checked on `voiceschanged`.
 */

export interface Speech {
  /** Whether a Vietnamese voice exists now. */
  available(): boolean;
  /** Speaks `text`; `onEnd` runs when it ends or is stopped. */
  speak(text: string, onEnd: () => void): void;
  stop(): void;
}

export function createSpeech(onChange: () => void): Speech {
  const synth = typeof speechSynthesis === 'object' && typeof SpeechSynthesisUtterance === 'function' ? speechSynthesis : null;
  const voice = (): SpeechSynthesisVoice | undefined => {
    try {
      return synth ? synth.getVoices().find((v) => /^vi\b/i.test(v.lang.replace('_', '-'))) : undefined;
    } catch {
      return undefined;
    }
  };
  if (synth && synth.addEventListener) synth.addEventListener('voiceschanged', onChange);
  let current: { u: SpeechSynthesisUtterance; onEnd: () => void } | null = null;
  // A cancelled utterance reports its end later: only the current one may reset its button.
  const finish = (u?: SpeechSynthesisUtterance) => {
    const c = current;
    if (!c || (u && c.u !== u)) return;
    current = null;
    c.onEnd();
  };
  const speech: Speech = {
    available: () => !!voice(),
    speak(text, onEnd) {
      const v = voice();
      if (!synth || !v) return onEnd();
      speech.stop();
      const u = new SpeechSynthesisUtterance(text);
      u.lang = v.lang;
      try {
        u.voice = v;
      } catch {
        // The language alone picks a Vietnamese voice.
      }
      current = { u, onEnd };
      u.onend = u.onerror = () => finish(u);
      synth.speak(u);
    },
    stop() {
      if (synth) synth.cancel();
      finish();
    },
  };
  return speech;
}
