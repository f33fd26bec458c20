/**
 * A payload type without the open index signature that `z.looseObject` gives its output
 * (`[key: string]: unknown`). With it, a misspelled field (`payload.isOptOutMesage`) compiles as `unknown`;
 * without it, it is a compile error. The extra fields a provider adds later still reach run time: read one after
 * an `in` check (`if ('carrier' in event.payload) event.payload.carrier`), which types it `unknown`.
 */
export type KnownFields<T> = {
  [K in keyof T as string extends K ? never : number extends K ? never : symbol extends K ? never : K]: T[K];
};
