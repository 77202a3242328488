import { type openData as es } from '../es/openData.ts'
import { type Shape } from '../shape.ts'

export const openData: Shape<typeof es> = {
  title: '',
}
