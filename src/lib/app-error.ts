/** Base of every infrastructure error: a literal code plus the cause (docs/style.md §2.9). */
export class AppError<Code extends string = string> extends Error {
  override name = 'AppError';
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
