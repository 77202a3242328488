import { type evaluation as es } from '../es/evaluation.ts'
import { type Shape } from '../shape.ts'

export const evaluation: Shape<typeof es> = {
  title: '',
}
