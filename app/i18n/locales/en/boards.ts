import { type boards as es } from '../es/boards.ts'
import { type Shape } from '../shape.ts'

export const boards: Shape<typeof es> = {
  title: '',
}
