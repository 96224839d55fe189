/** The lists the dashboard cards open (each feature's own routes). */
export const LINKS = {
  cases: '/cases',
  sightings: '/sightings',
  samples: '/dna/samples',
  matches: '/dna/matches',
  rescues: '/rescues',
  rescuedChildren: '/rescued-children',
  reunions: '/reunions',
  followUps: '/reunions/follow-ups',
  signOffs: '/reunions/awaiting-sign-off',
  campaigns: '/campaigns',
  users: '/admin/users',
  organisations: '/admin/organisations',
  audit: '/admin/audit',
} as const;
