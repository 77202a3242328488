// Spanish strings of the votes area. en/votes.ts must have the same keys (the typecheck says so).
export const votes = {
  tally_one: '{{count}} voto',
  tally_other: '{{count}} votos',
  mine_one: 'diste {{count}}',
  mine_other: 'diste {{count}}',
} as const
