/**
 * After how many minutes without use the tablet locks (issue 13, "the app locks after idle
 * time"): the choices offered in Settings and the default. The device keeps the choice.
 */
export const IDLE_LOCK_CHOICES = [1, 2, 5, 10, 15] as const;
export const DEFAULT_IDLE_LOCK_MINUTES = 5;
