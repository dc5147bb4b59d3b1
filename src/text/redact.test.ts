import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { redactPersonalData } from './redact.ts';

describe('redactPersonalData: personal data is replaced', () => {
  it.each([
    ['001203012345'],
    ['001 203 012345'],
    ['001.203.012345'],
    ['001-203-012345'],
  ])('replaces the 12-digit citizen id %s', (id) => {
    const out = redactPersonalData(`Số CCCD của tôi là ${id}, nhờ ad kiểm tra giúp`);
    expect(out).toBe('Số CCCD của tôi là [số định danh], nhờ ad kiểm tra giúp');
  });

  it.each([['0912345678'], ['0912 345 678'], ['0912.345.678'], ['+84 912 345 678'], ['+84912345678'], ['84912345678']])(
    'replaces the phone number %s',
    (phone) => {
      const out = redactPersonalData(`Gọi cho tôi số ${phone} nhé`);
      expect(out).toBe('Gọi cho tôi số [số điện thoại] nhé');
    },
  );

  it('replaces every phone number in a message', () => {
    expect(redactPersonalData('SĐT 0912345678 hoặc 0387654321')).toBe('SĐT [số điện thoại] hoặc [số điện thoại]');
  });

  it('replaces an e-mail address, including a sub-domain one', () => {
    expect(redactPersonalData('Email: nguyen.van.a@gmail.com.')).toBe('Email: [email].');
    expect(redactPersonalData('gửi về vanthu@sokhcn.dienbien.gov.vn giúp em')).toBe('gửi về [email] giúp em');
  });

  it.each([
    ['STK 1903657890123 Techcombank', '[số tài khoản] Techcombank'],
    ['STK: 0123 4567 8901 ạ', '[số tài khoản] ạ'],
    ['chuyển vào số tài khoản 19036578901234 giúp em', 'chuyển vào [số tài khoản] giúp em'],
    ['tài khoản 0011004455667 của tôi', '[số tài khoản] của tôi'],
  ])('replaces the bank account in "%s"', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it('replaces an old 9-digit identity card number', () => {
    expect(redactPersonalData('CMND cũ của tôi là 123456789 thì sao')).toBe('CMND cũ của tôi là [số CMND] thì sao');
  });

  it('treats +84 followed by nine digits as one phone number, not a CMND', () => {
    const out = redactPersonalData('+84 912345678');
    expect(out).toBe('[số điện thoại]');
    expect(out).not.toContain('CMND');
  });

  it('keeps the Vietnamese text around several redactions', () => {
    const out = redactPersonalData('Em tên Lan, CCCD 001203012345, SĐT 0912 345 678, email lan@gmail.com, muốn hỏi về Bình dân học vụ số.');
    expect(out).toBe('Em tên Lan, CCCD [số định danh], SĐT [số điện thoại], email [email], muốn hỏi về Bình dân học vụ số.');
    expect(out).not.toMatch(/\d{6}/);
  });
});

describe('redactPersonalData: look-alikes are left alone', () => {
  it.each([
    'Nghị quyết 57-NQ/TW ban hành ngày 22/12/2024',
    'Ngày Chuyển đổi số quốc gia là ngày 10/10 hằng năm',
    'Lệ phí là 150.000 đồng',
    'Mức hỗ trợ 1.500.000 đồng mỗi người',
    'Quyết định 1169/QĐ-TTg ngày 16/6/2025',
    'theo Nghị quyết số 57-NQ/TW của Bộ Chính trị',
    'Nghị quyết 193/2025/QH15 của Quốc hội',
    'mục tiêu đến năm 2030 và tầm nhìn 2045',
    '100% cơ quan có chuyên mục',
    'ít nhất 80% người dân và 70,5% cán bộ',
    'đã có 656.717 người tham gia',
    'giai đoạn 2021-2025',
    'tài khoản VNeID mức 2',
  ])('leaves "%s" unchanged', (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });

  it.each([
    ['CCCD: 123456789012 ạ', 'CCCD: [số định danh] ạ'],
    ['căn cước số 1234 5678 9012', 'căn cước số [số định danh]'],
    ['CMND số: 123.456.789.0', 'CMND số: [số định danh]'],
    ['cccd   số  :  1234567890', 'cccd   số  :  [số định danh]'],
  ])('replaces the number after an identity keyword in "%s", keeping the keyword', (text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  // Two runs of spaces side by side in a pattern split a long run of spaces in quadratically
  // many ways; in a lookbehind tried at every position, one message of 1,000 spaces took
  // minutes and held the server. Vitest cannot interrupt a synchronous stall, so each runs in
  // a vm context that stops it after 2 s (it takes well under a millisecond): a pattern that
  // stalls fails the test instead of hanging it. The lint rule is the other guard
  // (test/lint.regexp.test.ts).
  it.each([
    ['spaces', `a${' '.repeat(998)}b`],
    ['spaces after an identity keyword', `CCCD${' '.repeat(990)}x`],
    ['spaces after an account keyword', `STK${' '.repeat(990)}x`],
    ['identity keywords', 'cccd số '.repeat(120)],
    ['digits and spaces', '1 '.repeat(500)],
    ['digits and dots', '1.'.repeat(500)],
    ['letters', 'a'.repeat(1000)],
  ])('handles a message of 1,000 characters of %s', (_name, text) => {
    expect(runInNewContext('redact(text)', { redact: redactPersonalData, text }, { timeout: 2000 })).toBe(text);
  });

  it('returns a message without personal data unchanged', () => {
    const text = 'Cho mình hỏi Nghị quyết 57 là gì vậy ad?';
    expect(redactPersonalData(text)).toBe(text);
  });
});
