import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { EnclaveService } from '@enclave/api-contract';
import { Construct } from 'constructs';
import type { Naming } from '../../config/naming';
import { ApiDomain } from './api-domain';
import { type ContractRoute, contractRoutes } from './contract-routes';

/** A Lambda the API integrates with: its ARN (to invoke) and name (to permit). */
export interface ApiTarget {
  functionName: string;
  functionArn: string;
}

export interface HttpApiProps {
  names: Naming;
  /** Each service's HTTP function, by its `x-enclave-service` name. */
  services: ReadonlyMap<EnclaveService, ApiTarget>;
  /** Browser origins allowed to call the API: the allowed origins and the portal's. */
  corsOrigins: readonly string[];
  /** Steady requests per second across the API, and the burst above it (API Gateway's bucket). */
  throttling?: { rateLimit: number; burstLimit: number };
  logRetentionDays?: number;
  /** The routes to make; openapi.yaml's unless told (tests give others). */
  routes?: readonly ContractRoute[];
  /** A custom name for the API; without it the API answers on its execute-api address. */
  domain?: { domainName: string; hostedZone: string };
}

// Well under the account's default (10 000 rps): a single deployment's users never need more,
// and a runaway client hits 429 here before it runs up Lambda and DynamoDB bills.
const DEFAULT_THROTTLING = { rateLimit: 100, burstLimit: 200 };

/** What an access log line records: enough to trace a request, no tokens or bodies. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
});

/** The HTTP API: one route per contract operation, each to its service's Lambda. */
export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly routes: Apigatewayv2Route[] = [];
  /** The API's URL (its custom domain's, or the $default stage's), for the portal and outputs. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const routes = props.routes ?? contractRoutes();
    this.api = new Apigatewayv2Api(this, 'api', {
      name: props.names.resource('api'),
      protocolType: 'HTTP',
      // API Gateway answers the preflight itself, so OPTIONS needs no route of the contract.
      corsConfiguration: {
        allowOrigins: [...props.corsOrigins],
        allowMethods: [...new Set(routes.map((route) => route.routeKey.split(' ')[0] ?? ''))],
        allowHeaders: ['authorization', 'content-type'],
        // The portal reads Retry-After to back off after a 429.
        exposeHeaders: ['retry-after'],
        maxAge: 3600,
      },
    });
    const accessLogs = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/aws/apigateway/${props.names.resource('api')}`,
      retentionInDays: props.logRetentionDays ?? 30,
    });
    const throttling = props.throttling ?? DEFAULT_THROTTLING;
    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: '$default',
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
      },
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
    });
    this.url = props.domain
      ? new ApiDomain(this, 'domain', {
          ...props.domain,
          apiId: this.api.id,
          stageId: this.stage.id,
        }).url
      : this.stage.invokeUrl;
    const integrations = new Map<EnclaveService, Apigatewayv2Integration>();
    for (const [service, target] of props.services) {
      integrations.set(
        service,
        new Apigatewayv2Integration(this, `${service}-integration`, {
          apiId: this.api.id,
          integrationType: 'AWS_PROXY',
          integrationUri: target.functionArn,
          integrationMethod: 'POST',
          // The event shape the services' lambdaHandler (serverless-express) reads.
          payloadFormatVersion: '2.0',
        }),
      );
      // Only this API may invoke the function, on any of its routes.
      new LambdaPermission(this, `${service}-invoke`, {
        functionName: target.functionName,
        action: 'lambda:InvokeFunction',
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${this.api.executionArn}/*/*`,
      });
    }
    for (const route of routes) {
      const integration = integrations.get(route.service);
      if (!integration) {
        throw new Error(
          `${route.routeKey} goes to the ${route.service} service, which has no function`,
        );
      }
      this.routes.push(
        new Apigatewayv2Route(this, `route-${route.operationId}`, {
          apiId: this.api.id,
          routeKey: route.routeKey,
          target: `integrations/${integration.id}`,
        }),
      );
    }
  }
}
