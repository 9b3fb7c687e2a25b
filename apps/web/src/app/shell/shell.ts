import { Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { PRODUCT_NAME } from '../core/product';
import { AuthService } from '../auth/auth.service';
import { SessionStore } from '../core/session.store';

/** The frame of every page: the product's name, the signed-in user's places, and the page. */
@Component({
  selector: 'enc-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './shell.html',
  styleUrl: './shell.css',
})
export class Shell {
  protected readonly product = PRODUCT_NAME;
  protected readonly sessions = inject(SessionStore);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Ends the session at the auth service too, so its tokens stop working at once. */
  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigateByUrl('/');
  }
}
