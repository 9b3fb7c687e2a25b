import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { contractOperations, type EnclaveService } from '@enclave/api-contract';
import { Testing } from 'cdktf';
import { naming } from '../../config/naming';
import { contractRoutes } from './contract-routes';
import { HttpApi, type ApiTarget } from './http-api';

const SERVICES: readonly EnclaveService[] = ['uploads', 'sharing', 'keys'];
const targets = new Map<EnclaveService, ApiTarget>(
  SERVICES.map((service) => [
    service,
    {
      functionName: `enclave-test-${service}`,
      functionArn: `arn:aws:lambda:eu-west-1:123456789012:function:enclave-test-${service}`,
    },
  ]),
);

interface Synth {
  resource: Record<string, Record<string, Record<string, string>>>;
}

describe('HttpApi', () => {
  let api: HttpApi | undefined;
  const json = Testing.synthScope((scope) => {
    api = new HttpApi(scope, 'http', {
      names: naming('test'),
      services: targets,
      corsOrigins: ['https://files.example.com'],
    });
  });
  const synth = JSON.parse(json) as Synth;
  const resources = (type: string) => Object.entries(synth.resource[type] ?? {});

  it('has exactly one route per contract operation, each to its service’s Lambda', () => {
    // Which service each integration (by its Terraform id) invokes.
    const serviceOf = new Map(
      resources('aws_apigatewayv2_integration').map(([id, integration]) => [
        `integrations/\${aws_apigatewayv2_integration.${id}.id}`,
        SERVICES.find((s) => integration['integration_uri']?.endsWith(`:enclave-test-${s}`)),
      ]),
    );
    const routed = resources('aws_apigatewayv2_route')
      .map(([, route]) => `${route['route_key']} -> ${serviceOf.get(route['target'] ?? '')}`)
      .sort();
    const contract = contractOperations()
      .map((o) => `${o.method.toUpperCase()} ${o.path} -> ${o.service}`)
      .sort();
    expect(routed).toEqual(contract);
    expect(new Set(routed).size).toBe(routed.length);
    expect(api?.routes).toHaveLength(contractOperations().length);
  });

  it('integrates each Lambda as an AWS_PROXY with payload 2.0, and lets only this API invoke it', () => {
    const integrations = resources('aws_apigatewayv2_integration').map(([, i]) => i);
    expect(integrations).toHaveLength(SERVICES.length);
    for (const integration of integrations) {
      expect(integration).toMatchObject({
        integration_type: 'AWS_PROXY',
        payload_format_version: '2.0',
      });
    }
    for (const service of SERVICES) {
      expect(json).toHaveResourceWithProperties(LambdaPermission, {
        function_name: `enclave-test-${service}`,
        principal: 'apigateway.amazonaws.com',
        source_arn: expect.stringMatching(
          /^\$\{aws_apigatewayv2_api\..+\.execution_arn\}\/\*\/\*$/,
        ),
      });
    }
  });

  it('answers CORS for the allowed origins, exposing Retry-After', () => {
    expect(json).toHaveResourceWithProperties(Apigatewayv2Api, {
      protocol_type: 'HTTP',
      cors_configuration: {
        allow_origins: ['https://files.example.com'],
        allow_headers: ['authorization', 'content-type'],
        expose_headers: ['retry-after'],
        allow_methods: expect.arrayContaining(['GET', 'POST', 'DELETE']),
        max_age: 3600,
      },
    });
  });

  it('deploys a $default stage automatically, throttled, with access logs', () => {
    expect(json).toHaveResourceWithProperties(Apigatewayv2Stage, {
      name: '$default',
      auto_deploy: true,
      default_route_settings: { throttling_burst_limit: 200, throttling_rate_limit: 100 },
      access_log_settings: {
        destination_arn: expect.stringMatching(/aws_cloudwatch_log_group\..+\.arn/),
        format: expect.stringContaining('$context.requestId'),
      },
    });
  });

  it('makes no custom name, certificate or record unless given a domain', () => {
    for (const type of [
      'aws_apigatewayv2_domain_name',
      'aws_acm_certificate',
      'aws_route53_record',
    ])
      expect(Object.keys(synth.resource[type] ?? {})).toHaveLength(0);
  });

  it('with a custom domain: a regional TLS 1.2 endpoint, validated in the zone, mapped and aliased', () => {
    let named: HttpApi | undefined;
    const withDomain = JSON.parse(
      Testing.synthScope((scope) => {
        named = new HttpApi(scope, 'http', {
          names: naming('test'),
          services: targets,
          corsOrigins: [],
          domain: { domainName: 'api.files.example.com', hostedZone: 'example.com' },
        });
      }),
    ) as Synth & { data: Record<string, Record<string, Record<string, string>>> };
    const only = (type: string) => {
      const found = Object.values(withDomain.resource[type] ?? {});
      expect(found).toHaveLength(1);
      return found[0] as Record<string, unknown>;
    };
    // The certificate is the API's region's (the provider's): no us-east-1 override here.
    const certificate = only('aws_acm_certificate');
    expect(certificate).toMatchObject({
      domain_name: 'api.files.example.com',
      validation_method: 'DNS',
    });
    expect(certificate['region']).toBeUndefined();
    expect(Object.values(withDomain.data['aws_route53_zone'] ?? {})).toEqual([
      expect.objectContaining({ name: 'example.com' }),
    ]);
    expect(only('aws_apigatewayv2_domain_name')).toMatchObject({
      domain_name: 'api.files.example.com',
      domain_name_configuration: {
        certificate_arn: expect.stringMatching(
          /aws_acm_certificate_validation\..+\.certificate_arn/,
        ),
        endpoint_type: 'REGIONAL',
        security_policy: 'TLS_1_2',
      },
    });
    expect(only('aws_apigatewayv2_api_mapping')).toMatchObject({
      api_id: expect.stringMatching(/aws_apigatewayv2_api\..+\.id/),
      domain_name: expect.stringMatching(/aws_apigatewayv2_domain_name\..+\.id/),
      stage: expect.stringMatching(/aws_apigatewayv2_stage\..+\.id/),
    });
    const aliases = Object.values(withDomain.resource['aws_route53_record'] ?? {}).filter(
      (record) => record['alias'],
    );
    expect(aliases.map((record) => record['type']).sort()).toEqual(['A', 'AAAA']);
    for (const record of aliases)
      expect(record).toMatchObject({
        name: 'api.files.example.com',
        alias: {
          name: expect.stringMatching(/domain_name_configuration\[0\]\.target_domain_name/),
          zone_id: expect.stringMatching(/domain_name_configuration\[0\]\.hosted_zone_id/),
        },
      });
    expect(named?.url).toBe('https://api.files.example.com');
  });

  it('refuses a route to a service without a function', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new HttpApi(scope, 'http', {
          names: naming('test'),
          services: new Map([...targets].filter(([service]) => service !== 'keys')),
          corsOrigins: [],
          routes: contractRoutes(),
        });
      }),
    ).toThrow(/goes to the keys service, which has no function/);
  });
});
