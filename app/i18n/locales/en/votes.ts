import { type votes as es } from '../es/votes.ts'
import { type Shape } from '../shape.ts'

export const votes: Shape<typeof es> = {
  tally_one: '{{count}} vote',
  tally_other: '{{count}} votes',
  mine_one: 'you gave {{count}}',
  mine_other: 'you gave {{count}}',
}
