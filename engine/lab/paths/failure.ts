/** How a model's step fails: thrown by the engine side and its checks, caught by the replay. */
/** A step the engine or a check did not accept: the message says why, in the words of the check. */
export class StepFailure extends Error {}

export function fail(message: string): never {
  throw new StepFailure(message);
}
