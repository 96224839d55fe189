import type { RuleSet } from './rule-builder';

/** Notifications: every account reads and marks its own, nobody else's. */
export const notificationRules: RuleSet = ({ can }, actor) => {
  can(['read', 'update'], 'Notification', { recipientId: actor.id });
};
