import { FormControl } from '@angular/forms';
import { AuthError } from './auth-client';
import { FormFeedback } from './form-feedback';
import { emailAddress } from './validation';

describe('FormFeedback', () => {
  it('puts a service error on the control it names, and others at the top', async () => {
    const control = new FormControl('ada@example.com');
    const feedback = new FormFeedback({ email: 'email' });

    await feedback.submit(control, () => Promise.reject(new AuthError(400, 'Taken.', 'email')));
    expect(feedback.fieldMessage('email', control)).toBe('Taken.');
    expect(feedback.formMessage()).toBeUndefined();

    await feedback.submit(control, () => Promise.reject(new AuthError(503, 'Down.')));
    expect(feedback.fieldMessage('email', control)).toBeUndefined();
    expect(feedback.formMessage()).toBe('Down.');
  });

  it('does not run the request for an invalid form', async () => {
    const control = new FormControl('nope', emailAddress);
    const feedback = new FormFeedback();
    const request = jest.fn(() => Promise.resolve());

    const ok = await feedback.submit(control, request);

    expect(ok).toBe(false);
    expect(request).not.toHaveBeenCalled();
    expect(feedback.fieldMessage('email', control)).toMatch(/e-mail address/);
  });
});
