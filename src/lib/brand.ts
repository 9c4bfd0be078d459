declare const brand: unique symbol;
/** A nominal type on top of a structural one: `Brand<string, 'BeneficiaryId'>`. */
export type Brand<T, Name extends string> = T & { readonly [brand]: Name };
