import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Content } from 'pdfmake/interfaces';
import { campaignReport, renderCampaignReport, renderMonthlyStatisticsReport, renderPdf, REPORT_FONT } from '.';
import { compact, inspectPdf } from './testing/pdf-text';
import { constructedCampaign, constructedMonth, TAIHE } from './testing/fixtures';
import type { CampaignReportData } from './types';

jest.setTimeout(120_000);

const PLANTED = '王小明';
const LATIN = 'Maria José Santos';

/** A campaign with a Chinese and a Latin name planted, plus fields a caller must never get printed. */
function campaignWithPlantedNames(): CampaignReportData {
  const data = constructedCampaign(12, PLANTED);
  data.rescues.push({
    occurredAt: new Date('2026-04-20T03:00:00Z'),
    place: '太和县汽车站',
    jurisdiction: TAIHE,
    children: [{ name: LATIN, sex: 'female', ageYears: 9, identified: true }],
    suspectsDetained: 1,
    // Not part of ReportRescue: what a careless caller might spread in from an entity.
    ...({ notes: '线人李秘密提供线索', reporterPhone: '13800138000' } as object),
  });
  (data.rescues[0].children[0] as object as Record<string, unknown>).familyContact = '父亲电话 13912345678';
  return data;
}

function allNames(data: CampaignReportData): string[] {
  return data.rescues.flatMap((rescue) => rescue.children.map((child) => child.name)).filter((name): name is string => !!name);
}

function hasPdftotext(): boolean {
  return spawnSync('pdftotext', ['-v']).status === 0;
}

function pdftotext(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const result = spawnSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('campaign report (zh-CN, initials)', () => {
  const data = campaignWithPlantedNames();
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    pdf = await renderCampaignReport(data, { language: 'zh-CN', childNames: 'initials' });
    text = compact(inspectPdf(pdf).pages.join('\n'));
  });

  it('is a PDF with the Noto Sans SC fonts embedded and no other font', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { fonts } = inspectPdf(pdf);
    expect(fonts.some((font) => /\+NotoSansSC-Regular$/.test(font))).toBe(true);
    expect(fonts.some((font) => /\+NotoSansSC-Bold$/.test(font))).toBe(true);
    expect(fonts.every((font) => /NotoSansSC/.test(font))).toBe(true);
  });

  it('contains the Chinese title, campaign, jurisdiction, sections and labels', () => {
    for (const expected of ['打拐专项行动报告', '2026年春季打拐专项行动（太和）', '阜阳市', '太和县', '内部资料·注意保密—仅限执法机关使用', '主要数据', '分辖区统计', '解救行动列表', '抓获犯罪嫌疑人', '确认的DNA比中', '412.5天', '2026年3月1日–2026年4月30日']) {
      expect(text).toContain(compact(expected));
    }
    expect(text).toMatch(/第1页，共\d+页/);
  });

  it('names children by initials only: no full name, no given name', () => {
    expect(text).toContain('王某（');
    expect(text).toContain('M.J.S.');
    for (const name of allNames(data)) {
      expect(text).not.toContain(compact(name));
    }
    expect(text).not.toContain('小明');
    expect(text).not.toContain('Santos');
    expect(text).toContain(compact('儿童姓名以简称显示'));
  });

  it('prints none of the fields outside the report types (notes, reporter and family contacts)', () => {
    for (const secret of ['线人', '李秘密', '13800138000', '13912345678', '父亲电话']) expect(text).not.toContain(secret);
  });

  it('rolls the jurisdiction table up (Fuyang = its own 3 + Taihe 20 + Linquan 11 + Jieshou 8 files opened)', () => {
    expect(text).toContain('阜阳市42');
  });

  it('embeds the charts as SVG with translated labels', () => {
    const definition = campaignReport(data, { language: 'zh-CN', childNames: 'initials' });
    const svgs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (typeof record.svg === 'string') svgs.push(record.svg);
        Object.values(record).forEach(walk);
      }
    };
    walk(definition.content as Content);
    expect(svgs).toHaveLength(3);
    expect(svgs.every((svg) => svg.startsWith('<svg') && svg.includes(REPORT_FONT))).toBe(true);
    expect(svgs.join('')).toContain('已团聚');
    expect(svgs.join('')).toContain('太和县');
  });

  (hasPdftotext() ? it : it.skip)('agrees with poppler pdftotext (skipped where poppler-utils is not installed)', () => {
    const extracted = compact(pdftotext(pdf));
    expect(extracted).toContain('打拐专项行动报告');
    expect(extracted).toContain('王某');
    expect(extracted).not.toContain(PLANTED);
    expect(extracted).not.toContain('13800138000');
  });
});

describe('campaign report (en, full names)', () => {
  it('shows full names and says so when the caller chose full names', async () => {
    const data = campaignWithPlantedNames();
    const text = compact(inspectPdf(await renderCampaignReport(data, { language: 'en', childNames: 'full' })).pages.join('\n'));
    expect(text).toContain(PLANTED);
    expect(text).toContain(compact(LATIN));
    expect(text).toContain(compact('Full names of children are shown at a supervisor’s request'));
  });

  it('is in English with pinyin initials when names are redacted', async () => {
    const data = campaignWithPlantedNames();
    const text = compact(inspectPdf(await renderCampaignReport(data, { language: 'en', childNames: 'initials' })).pages.join('\n'));
    for (const expected of ['Anti-trafficking campaign report', 'Confidential — law enforcement only', 'Fuyang', 'Taihe County', 'By jurisdiction', 'Median time missing → found', '412.5 days', 'W.X.M.', 'M.J.S.']) {
      expect(text).toContain(compact(expected));
    }
    expect(text).not.toContain(PLANTED);
    expect(text).not.toContain('Santos');
    expect(text).toMatch(/Page1of\d+/);
  });

  it('refuses a name mode other than initials or full', () => {
    expect(() => campaignReport(constructedCampaign(1), { language: 'en', childNames: 'everything' as 'full' })).toThrow(RangeError);
  });
});

describe('monthly statistics report', () => {
  it('renders in Chinese with the month, always with initials', async () => {
    const data = constructedMonth(8, PLANTED);
    const text = compact(inspectPdf(await renderMonthlyStatisticsReport(data, { language: 'zh-CN' })).pages.join('\n'));
    for (const expected of ['月度统计报告', '2026年4月', '阜阳市', '趋势', '收到线索', '王某']) expect(text).toContain(compact(expected));
    expect(text).not.toContain(PLANTED);
  });

  it('refuses a month that is not YYYY-MM', () => {
    expect(() => renderMonthlyStatisticsReport({ ...constructedMonth(1), month: '2026-13' }, { language: 'en' })).toThrow(RangeError);
  });
});

describe('renderPdf resource policy', () => {
  it('refuses to fetch a URL named in a document', async () => {
    await expect(
      renderPdf({ images: { x: 'https://example.invalid/x.png' }, content: [{ image: 'x' }], defaultStyle: { font: REPORT_FONT } }),
    ).rejects.toThrow(/Access to URL denied/);
  });

  it('refuses to read a local file other than the report fonts', async () => {
    await expect(renderPdf({ content: [{ image: '/etc/hostname' }], defaultStyle: { font: REPORT_FONT } })).rejects.toThrow(/Access to local file denied/);
  });
});
