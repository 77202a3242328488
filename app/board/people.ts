/** Colours for people's cursors and presence (readable on white and on notes). */
const personColors = ['#1d4ed8', '#be185d', '#15803d', '#c2410c', '#7e22ce', '#0f766e', '#b91c1c', '#4d7c0f', '#a16207', '#0369a1']

/** A person's colour on boards, from their key ('user:<id>', 'guest:<participantId>'): the same on every screen. */
export function personColor(key: string) {
  let hash = 0
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0
  return personColors[Math.abs(hash) % personColors.length]
}
