/** The same keys as the Spanish original, each a string: English must match Spanish key for key. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
