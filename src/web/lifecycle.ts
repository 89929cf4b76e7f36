/** Work to undo before the next view renders (e.g. disposing charts); modules loaded later register theirs here. */
export const beforeNextView = new Set<() => void>();
