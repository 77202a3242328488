import { type notifications as es } from '../es/notifications.ts'
import { type Shape } from '../shape.ts'

export const notifications: Shape<typeof es> = {
}
