import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';

/** `ng new`'s root component, reduced to one control so the benchmark's TTI has something to wait for. */
@Component({
  selector: 'bench-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet],
  template: `
    <h1>Empty Angular app</h1>
    <button type="button" (click)="clicks.set(clicks() + 1)">Clicked {{ clicks() }} times</button>
    <router-outlet />
  `,
})
export class EmptyRoot {
  protected readonly clicks = signal(0);
}
