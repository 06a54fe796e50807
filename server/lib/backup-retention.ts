/**
 * Which scheduled backups to keep: the newest backup of each of the last
 * `daily` days, `weekly` weeks and `monthly` months that have one
 * (grandfather-father-son), and always the newest backup of all, so a
 * retention of zeros never leaves nothing. Days, weeks (Monday to Sunday) and
 * months are counted in UTC, so the answer does not move with the server's
 * time zone. Pure: the scheduler lists the folder, asks, and deletes the rest.
 */
export type RetentionPolicy = { daily: number; weekly: number; monthly: number };
export type BackupEntry = { name: string; takenAt: Date };

const dayKey = (d: Date) => d.toISOString().slice(0, 10);
const monthKey = (d: Date) => d.toISOString().slice(0, 7);
function weekKey(d: Date): string {
  // The Monday starting the UTC week that holds d.
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return dayKey(monday);
}

export function retain(backups: BackupEntry[], policy: RetentionPolicy): { keep: string[]; remove: string[] } {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].name);
  const bucket = (key: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const k = key(b.takenAt);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(b.name);
    }
  };
  bucket(dayKey, policy.daily);
  bucket(weekKey, policy.weekly);
  bucket(monthKey, policy.monthly);
  return {
    keep: newestFirst.filter((b) => keep.has(b.name)).map((b) => b.name),
    remove: newestFirst.filter((b) => !keep.has(b.name)).map((b) => b.name),
  };
}
