const descriptions: Record<number, string> = {
  400: "Invalid input: wrong types, unknown fields or values out of range",
  401: "The X-Armtrace-User header is missing or malformed",
  404: "Not found",
  409: "Conflict, such as a stale expectedVersion",
  413: "Request body too large",
  415: "Unsupported media type or format",
  501: "A component this needs is not installed on the server (the detail says which)",
  500: "Unexpected error (details are only in the server log)",
};

interface ProblemResponse {
  description: string;
  content: { "application/problem+json": { schema: { $ref: string } } };
}

/** Response schemas for the given problem statuses (plus 500), each an application/problem+json `Problem`. */
export function problemResponses(...statuses: number[]): Record<number, ProblemResponse> {
  const responses: Record<number, ProblemResponse> = {};
  for (const status of [...statuses, 500]) {
    responses[status] = {
      description: descriptions[status] ?? "Problem",
      content: { "application/problem+json": { schema: { $ref: "Problem#" } } },
    };
  }
  return responses;
}
