import type { FeatureMatrix } from './route-matrix';

/** Statistics and crackdown campaigns. */
export const campaignsMatrix: FeatureMatrix = async () => {
  const police = { officer: 200, supervisor: 200, others: 403 };
  return [
    { route: 'GET /api/v1/statistics', label: 'figures of the caller’s scope', path: '/api/v1/statistics', expect: police },
  ];
};
