import { type BoardElement } from '#app/board/model.ts'

// Plain elements for the unit tests of the canvas maths (no Y.Doc needed).
const base = { z: 0, color: 'yellow', text: '', authorKey: 'guest:1', authorName: 'Ana', ideaId: null, createdAt: 0 } as const

export const testNote = (id: string, x: number, y: number, frameId: string | null = null): BoardElement => ({ ...base, writers: [], id, type: 'note', x, y, w: 180, h: 140, frameId })
export const testFrame = (id: string, x: number, y: number, w = 400, h = 300): BoardElement => ({ ...base, writers: [], id, type: 'frame', x, y, w, h, frameId: null })
