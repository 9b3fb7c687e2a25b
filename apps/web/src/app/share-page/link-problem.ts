import type { Problem } from '../shares/api-result';

export interface PageProblem {
  title: string;
  detail: string;
}

/** A share token as the API issues them; anything else is a mistyped or cut-off link. */
export const SHARE_TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

export const INVALID_LINK: PageProblem = {
  title: 'This link is not valid',
  detail: 'Check that you copied all of it.',
};

/** Why a share link cannot be used, worded for whoever opened it (no sign-in, no jargon). */
export function linkProblem(problem: Problem): PageProblem {
  switch (problem.status) {
    case 0:
      return { title: 'Cannot reach the service', detail: problem.detail };
    case 400:
      return INVALID_LINK;
    case 404:
      return {
        title: 'No such link',
        detail: 'This link does not exist. Check that you copied all of it.',
      };
    case 410:
      return { title: 'This link no longer works', detail: problem.detail };
    default:
      return { title: 'Something went wrong', detail: problem.detail };
  }
}
