import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';

export interface NotifiedFunction {
  functionArn: string;
  events: readonly string[];
  /** The permission that lets S3 invoke it: S3 checks it when the notification is saved. */
  permission: ITerraformDependable;
}

export interface BucketNotificationsProps {
  /** The files bucket's name (its id). */
  bucket: string;
  functions: readonly NotifiedFunction[];
}

/**
 * The files bucket's event notifications. A bucket has one notification configuration, so every
 * subscribed function goes in this one resource.
 */
export class BucketNotifications extends Construct {
  readonly notification: S3BucketNotification;

  constructor(scope: Construct, id: string, props: BucketNotificationsProps) {
    super(scope, id);
    this.notification = new S3BucketNotification(this, 'notification', {
      bucket: props.bucket,
      lambdaFunction: props.functions.map((fn) => ({
        lambdaFunctionArn: fn.functionArn,
        events: [...fn.events],
      })),
      dependsOn: props.functions.map((fn) => fn.permission),
    });
  }
}
