import { Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PRODUCT_NAME } from '../core/product';

/** What the product does, and the way in. */
@Component({
  selector: 'enc-landing',
  imports: [RouterLink],
  template: `
    <section class="page hero">
      <h1>{{ product }}: private file sharing</h1>
      <p class="lead muted">
        Upload files of any size straight to encrypted storage, share them by e-mail or by link with
        an expiry, a password and a download limit, and revoke access at any moment.
      </p>
      <p class="actions">
        <a class="button primary" routerLink="/sign-up">Create an account</a>
        <a class="button" routerLink="/sign-in">Sign in</a>
      </p>
      <ul class="points">
        <li><strong>Straight to storage.</strong> Your bytes never pass through our servers.</li>
        <li>
          <strong>Your own key.</strong> Optionally, one encryption key per person; destroy it and
          your files can never be read again.
        </li>
        <li><strong>Sign-in with two factors.</strong> A password and an authenticator app.</li>
      </ul>
    </section>
  `,
  styles: `
    .hero {
      padding-top: 3rem;
    }
    h1 {
      font-size: clamp(1.8rem, 5vw, 2.8rem);
      margin: 0 0 1rem;
    }
    .lead {
      font-size: 1.15rem;
      max-width: 44rem;
    }
    .actions {
      display: flex;
      gap: 0.75rem;
      flex-wrap: wrap;
      margin: 2rem 0;
    }
    .points {
      display: grid;
      gap: 0.75rem;
      padding-left: 1.2rem;
      max-width: 44rem;
    }
  `,
})
export class LandingPage {
  protected readonly product = PRODUCT_NAME;
}
