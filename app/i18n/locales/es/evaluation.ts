// Spanish strings of the evaluation area. en/evaluation.ts must have the same keys (the typecheck says so).
export const evaluation = {
  title: '',
}
