/** A problem the person running the command can fix (a path, an option, the spec): shown without a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    /** 2 for a wrong command line, 1 for everything else. */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
