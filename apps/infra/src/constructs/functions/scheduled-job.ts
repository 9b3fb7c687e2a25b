import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';

export interface ScheduledJobProps {
  /** The rule's name (the job function's own name reads best in the console). */
  name: string;
  functionName: string;
  functionArn: string;
  /** How often it runs: the job's `everySeconds` in the service registry. */
  everySeconds: number;
}

/** EventBridge's `rate(…)`, which counts whole minutes at the least. */
export function rateExpression(everySeconds: number): string {
  if (!Number.isInteger(everySeconds / 60) || everySeconds <= 0) {
    throw new Error(
      `a schedule of ${everySeconds} s is not a whole number of minutes (EventBridge)`,
    );
  }
  const minutes = everySeconds / 60;
  const [count, unit] =
    minutes % 1440 === 0
      ? [minutes / 1440, 'day']
      : minutes % 60 === 0
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return `rate(${count} ${unit}${count === 1 ? '' : 's'})`;
}

/** A job function run by an EventBridge schedule, as devstack runs it on a timer. */
export class ScheduledJob extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(
    scope: Construct,
    id: string,
    { name, functionName, functionArn, everySeconds }: ScheduledJobProps,
  ) {
    super(scope, id);
    // Checked before anything is made, so a bad interval names itself and nothing else.
    const scheduleExpression = rateExpression(everySeconds);
    this.rule = new CloudwatchEventRule(this, 'rule', { name, scheduleExpression });
    new CloudwatchEventTarget(this, 'target', { rule: this.rule.name, arn: functionArn });
    // Only this rule may invoke the job.
    new LambdaPermission(this, 'invoke', {
      functionName,
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
      sourceArn: this.rule.arn,
    });
  }
}
