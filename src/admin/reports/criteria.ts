/**
 * @module
 * The criteria the province plan asks to be measured (Kế hoạch, mục II.2.2: a set of
 * criteria, measured periodically and published; mục V.1: the Department of Science and
 * Technology builds them; mục V.9: reach every group, "không để ai bị bỏ lại phía sau";
 * mục V.10: report before 10/6 and 10/12), as far as this service can measure them from
 * what it records. What it cannot measure is said, not estimated.
 */
import { CHANNELS, percent, type ReportFigures } from './figures.ts';

export type Unit = 'count' | 'percent' | 'ms' | 'hours';

export interface Measure {
  /** A stable key for the CSV. */
  key: string;
  label: string;
  value: number | null;
  unit: Unit;
}

export interface Criterion {
  /** Where the plan asks for it. */
  basis: string;
  criterion: string;
  measures: Measure[];
}

export function planCriteria(f: ReportFigures): Criterion[] {
  const all = f.channels.all;
  const social = f.channels.zalo.questions + f.channels.messenger.questions;
  const rated = all.ratedUp + all.ratedDown;
  const declined = all.outcomes.no_answer + all.outcomes.out_of_scope;
  return [
    {
      basis: 'Mục II.2.2 (nội dung được cung cấp kịp thời trên nền tảng số của tỉnh)',
      criterion: 'Nghị quyết 57-NQ/TW và các văn bản liên quan có trên kênh hỏi đáp, được người dân hỏi và trích dẫn',
      measures: [
        { key: 'documents_in_corpus', label: 'Văn bản trong kho hỏi đáp', value: f.documents.inCorpus, unit: 'count' },
        { key: 'documents_cited', label: 'Văn bản được trích dẫn trong kỳ', value: f.documents.cited.length, unit: 'count' },
        { key: 'answered_rate', label: 'Câu hỏi được trả lời từ văn bản, có dẫn nguồn', value: percent(all.outcomes.answered, all.questions), unit: 'percent' },
      ],
    },
    {
      basis: 'Mục II.2.2, II.2.3 (người dân tiếp cận thông tin qua nền tảng số)',
      criterion: 'Người dân hỏi và nhận thông tin về Nghị quyết qua kênh hỏi đáp',
      measures: [
        { key: 'conversations', label: 'Cuộc trò chuyện có câu hỏi trong kỳ', value: all.conversations, unit: 'count' },
        { key: 'questions', label: 'Câu hỏi', value: all.questions, unit: 'count' },
        { key: 'platform_users', label: 'Người dùng Zalo và Messenger', value: f.channels.zalo.conversations + f.channels.messenger.conversations, unit: 'count' },
      ],
    },
    {
      basis: 'Mục II.2.2 (mạng xã hội), V.9 (mọi nhóm đối tượng, vùng cao, vùng xa)',
      criterion: 'Thông tin đến người dân qua các mạng xã hội quen dùng',
      measures: [
        { key: 'channels_used', label: 'Kênh có câu hỏi trong kỳ (web, Zalo, Messenger)', value: CHANNELS.filter((c) => f.channels[c].questions > 0).length, unit: 'count' },
        { key: 'social_share', label: 'Câu hỏi qua Zalo và Messenger', value: percent(social, all.questions), unit: 'percent' },
      ],
    },
    {
      basis: 'Mục II.2.2, V.1 (bộ tiêu chí đánh giá, đo lường định kỳ kết quả truyền thông)',
      criterion: 'Chất lượng và mức độ hài lòng',
      measures: [
        { key: 'helpful_share', label: 'Đánh giá "hữu ích" trên tổng số đánh giá', value: percent(all.ratedUp, rated), unit: 'percent' },
        { key: 'rated_share', label: 'Câu trả lời được người dân đánh giá', value: percent(rated, all.questions), unit: 'percent' },
        { key: 'declined_share', label: 'Câu hỏi tài liệu chưa trả lời được (chuyển cán bộ)', value: percent(declined, all.questions), unit: 'percent' },
      ],
    },
    {
      basis: 'Mục II.2.2 (cung cấp kịp thời)',
      criterion: 'Trả lời kịp thời',
      measures: [
        { key: 'latency_median', label: 'Thời gian trợ lý trả lời, trung vị', value: all.latencyMedianMs, unit: 'ms' },
        { key: 'latency_p95', label: 'Thời gian trợ lý trả lời, 95% câu hỏi trong vòng', value: all.latencyP95Ms, unit: 'ms' },
        { key: 'staff_answered', label: 'Câu hỏi được cán bộ trả lời', value: all.staffAnsweredQuestions, unit: 'count' },
        { key: 'staff_delay_median', label: 'Thời gian chờ cán bộ trả lời, trung vị', value: all.staffDelayMedianHours === null ? null : Math.round(all.staffDelayMedianHours * 10) / 10, unit: 'hours' },
      ],
    },
  ];
}

/** Targets of the plan this service cannot measure: they need figures from the agencies. */
export const NOT_MEASURED = [
  'Tỉ lệ người dân tiếp cận thông tin qua hệ thống thông tin cơ sở (mục tiêu ít nhất 80% đến năm 2030, mục II.2.3): dịch vụ chỉ đếm người hỏi qua kênh của mình.',
  'Tỉ lệ cán bộ làm công tác truyền thông được đào tạo (mục tiêu ít nhất 70%, mục II.2.3), tỉ lệ cơ quan có kế hoạch và chuyên mục (mục II.2.1).',
  'Nhóm đối tượng của người hỏi (dân tộc, vùng, tuổi): dịch vụ không hỏi và không lưu.',
];
