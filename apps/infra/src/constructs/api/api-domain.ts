import { Apigatewayv2ApiMapping } from '@cdktf/provider-aws/lib/apigatewayv2-api-mapping';
import { Apigatewayv2DomainName } from '@cdktf/provider-aws/lib/apigatewayv2-domain-name';
import { Construct } from 'constructs';
import { CustomDomain } from '../dns/custom-domain';

export interface ApiDomainProps {
  /** The API's own name, e.g. api.files.example.com. */
  domainName: string;
  /** The Route53 hosted zone its validation and alias records go in. */
  hostedZone: string;
  /** The HTTP API and the stage the name serves. */
  apiId: string;
  stageId: string;
}

/**
 * A custom name for the HTTP API: a regional endpoint with a certificate from the API's own
 * region (a regional endpoint cannot use CloudFront's us-east-1 one), TLS 1.2 at least, mapped to
 * the stage at the root path, and alias records pointing the name at it.
 */
export class ApiDomain extends Construct {
  /** The API's address under its name. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiDomainProps) {
    super(scope, id);
    const domain = new CustomDomain(this, 'name', {
      domainName: props.domainName,
      hostedZone: props.hostedZone,
    });
    const endpoint = new Apigatewayv2DomainName(this, 'domain', {
      domainName: props.domainName,
      domainNameConfiguration: {
        certificateArn: domain.certificateArn,
        endpointType: 'REGIONAL',
        securityPolicy: 'TLS_1_2',
      },
    });
    new Apigatewayv2ApiMapping(this, 'mapping', {
      apiId: props.apiId,
      domainName: endpoint.id,
      stage: props.stageId,
    });
    domain.aliasTo({
      domainName: endpoint.domainNameConfiguration.targetDomainName,
      hostedZoneId: endpoint.domainNameConfiguration.hostedZoneId,
    });
    this.url = `https://${props.domainName}`;
  }
}
