// Kendra's client errors, thrown anywhere in the emulator and written once by the service.
import type { AwsError } from '../http.ts';

export class KendraError extends Error implements AwsError {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }

  static validation(message: string): KendraError {
    return new KendraError('ValidationException', message, 400);
  }

  static notFound(message: string): KendraError {
    return new KendraError('ResourceNotFoundException', message, 404);
  }

  static accessDenied(message: string): KendraError {
    return new KendraError('AccessDeniedException', message, 403);
  }
}
