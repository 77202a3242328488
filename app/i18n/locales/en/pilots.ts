import { type pilots as es } from '../es/pilots.ts'
import { type Shape } from '../shape.ts'

export const pilots: Shape<typeof es> = {
  title: '',
}
