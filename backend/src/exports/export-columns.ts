import { HttpStatus } from '@nestjs/common';
import type { AppAbility, Role, Subject } from '../access/permissions';
import { Problem } from '../common/problem';
import type { ExportColumn, ExportRow } from './writers';

export const EXPORT_KINDS = ['cases', 'sightings', 'rescues', 'reunions', 'statistics'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** A column and the roles that may have it in a file (absent: every role that may export the kind). */
export interface RoleColumn extends ExportColumn<ExportRow> {
  roles?: readonly Role[];
}

interface KindDefinition {
  /** Exporting a kind needs `read` on its records: a role that cannot list them cannot export them. */
  subject: Subject;
  sheet: { 'zh-CN': string; en: string };
  columns: readonly RoleColumn[];
}

const h = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const col = (key: string, zh: string, en: string, width?: number, roles?: readonly Role[]): RoleColumn => ({ key, header: h(zh, en), width, roles });
const jurisdictionColumns = [col('jurisdictionCode', '辖区代码', 'Jurisdiction code', 12), col('jurisdictionName', '辖区', 'Jurisdiction', 20)];

/**
 * THE place that decides what an exported file may hold, per kind and role. Files leave the system,
 * so some fields are never exported to anyone: who reported a child missing or a sighting (names,
 * phones, ID numbers, addresses), families' contacts and the family members present at a reunion,
 * DNA data, police notes on a rescue, the free-text circumstances of a file and of a reunion's
 * verification (they can hold any of the above). Only the columns listed here reach a file; the
 * queries select exactly these keys.
 */
export const EXPORT_DEFINITIONS: Record<ExportKind, KindDefinition> = {
  cases: {
    subject: 'Case',
    sheet: h('案件', 'Files'),
    columns: [
      col('caseNumber', '案件编号', 'File number', 18),
      col('childName', '儿童姓名', 'Child', 14),
      col('childSex', '性别', 'Sex', 8),
      col('childBirthDate', '出生日期(或估计)', 'Born (or estimated)', 14),
      col('lastSeenAt', '最后出现时间', 'Last seen at', 20),
      col('lastSeenPlace', '最后出现地点', 'Last seen at (place)', 30),
      ...jurisdictionColumns,
      col('status', '状态', 'Status', 10),
      col('priority', '优先级', 'Priority', 10),
      col('assignedOfficer', '责任民警', 'Assigned officer', 16, ['supervisor']),
      col('createdAt', '立案时间', 'Opened at', 20),
      col('foundAt', '找到时间', 'Found at', 20),
      col('reunitedAt', '团聚时间', 'Reunited at', 20),
      col('closedAt', '结案时间', 'Closed at', 20),
    ],
  },
  sightings: {
    subject: 'Sighting',
    sheet: h('线索', 'Sightings'),
    columns: [
      col('seenAt', '发现时间', 'Seen at', 20),
      col('source', '来源', 'Source', 10),
      col('status', '状态', 'Status', 10),
      col('placeText', '地点', 'Place', 30),
      col('latitude', '纬度', 'Latitude', 11),
      col('longitude', '经度', 'Longitude', 11),
      ...jurisdictionColumns,
      col('begging', '乞讨', 'Begging', 8),
      col('withAdult', '有成人陪同', 'With an adult', 8),
      col('visibleInjuryOrDisability', '可见伤残', 'Visible injury or disability', 8),
      col('distressed', '情绪异常', 'Distressed', 8),
      col('estimatedAgeYears', '估计年龄', 'Estimated age', 8),
      col('sex', '性别', 'Sex', 8),
      col('description', '描述', 'Description', 40),
      col('linkedCaseNumber', '关联案件', 'Linked file', 18),
      col('dismissedReason', '排除原因', 'Dismissed because', 24),
      col('receivedAt', '接收时间', 'Received at', 20),
    ],
  },
  rescues: {
    subject: 'Rescue',
    sheet: h('解救行动', 'Rescues'),
    columns: [
      col('occurredAt', '解救时间', 'Rescued at', 20),
      col('place', '地点', 'Place', 30),
      ...jurisdictionColumns,
      col('agencies', '参与单位', 'Agencies', 30),
      col('childrenRecovered', '解救儿童', 'Children recovered', 10),
      col('childrenIdentified', '已识别', 'Identified', 10),
      col('suspectsDetained', '抓获嫌疑人', 'Suspects detained', 10),
      col('campaigns', '专项行动', 'Campaigns', 30),
    ],
  },
  reunions: {
    subject: 'Reunion',
    sheet: h('团聚', 'Reunions'),
    columns: [
      col('reunitedOn', '团聚日期', 'Reunited on', 12),
      col('caseNumber', '案件编号', 'File number', 18),
      col('childName', '儿童姓名', 'Child', 14),
      col('place', '地点', 'Place', 30),
      ...jurisdictionColumns,
      col('evidenceKind', '核验依据', 'Evidence', 12),
      col('verificationStatus', '核验状态', 'Verification', 14),
      col('organisation', '社工机构', 'Organisation', 24),
      col('followUpsDone', '已回访', 'Follow-ups done', 10),
      col('followUpsOverdue', '逾期回访', 'Follow-ups overdue', 10),
    ],
  },
  statistics: {
    subject: 'Statistics',
    sheet: h('统计', 'Statistics'),
    columns: [
      col('jurisdictionCode', '辖区代码', 'Jurisdiction code', 12),
      col('jurisdictionName', '辖区', 'Jurisdiction', 20),
      col('level', '层级', 'Depth', 6),
      col('filesOpened', '立案', 'Files opened', 10),
      col('filesClosed', '结案', 'Files closed', 10),
      col('rescues', '解救行动', 'Rescues', 10),
      col('childrenRecovered', '解救儿童', 'Children recovered', 10),
      col('reunited', '团聚', 'Reunited', 10),
      col('suspectsDetained', '抓获嫌疑人', 'Suspects detained', 10),
    ],
  },
};

/** The columns of `kind` that `role` may have in a file. */
export function exportColumnsFor(kind: ExportKind, role: Role): ExportColumn<ExportRow>[] {
  return EXPORT_DEFINITIONS[kind].columns.filter((c) => !c.roles || c.roles.includes(role)).map(({ key, header, width }) => ({ key, header, width }));
}

/** A kind whose records the role may not read cannot be exported: 403 before anything is written. */
export function assertMayExport(ability: AppAbility, kind: ExportKind): void {
  if (!ability.can('export', 'Export') || !ability.can('read', EXPORT_DEFINITIONS[kind].subject)) {
    throw new Problem(HttpStatus.FORBIDDEN, `Your role may not see ${kind}, so it may not export them.`, { code: 'EXPORT_KIND_NOT_ALLOWED', kind });
  }
}
