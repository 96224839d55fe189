/** Chart colours. File statuses take the stronger shade of their chips (cases/components/status-chip). */
export const CASE_STATUS_COLORS: Record<string, string> = {
  open: '#c0392b',
  sighted: '#d98a00',
  located: '#2a6fc9',
  rescued: '#2e8b4a',
  reunited: '#13877a',
  closed: '#9e9e9e',
};

/** Series that appear on several charts keep one colour everywhere. */
export const SERIES_COLORS = {
  filesOpened: '#2a6fc9',
  childrenRecovered: '#d98a00',
  reunited: '#13877a',
  waiting: '#7b5ea7',
  done: '#9e9e9e',
  due: '#d98a00',
  overdue: '#c0392b',
} as const;

export const RESCUED_CHILD_STATUS_COLORS: Record<string, string> = {
  in_care: '#d98a00',
  reunited: '#13877a',
  transferred: '#7b5ea7',
};
