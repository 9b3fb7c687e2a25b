import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';

export interface CustomDomainProps {
  /** The name itself, e.g. files.example.com. */
  domainName: string;
  /** The Route53 hosted zone the name and its validation records go in, e.g. example.com. */
  hostedZone: string;
  /**
   * Where the certificate is made: CloudFront takes certificates from us-east-1 only; a regional
   * API Gateway endpoint, from its own region (the provider's, when this is left out). The AWS
   * provider (6.x) sets a region per resource, so no second provider is needed.
   */
  certificateRegion?: string;
}

/** Where an alias record points: a distribution's or a regional endpoint's name and zone. */
export interface AliasTarget {
  domainName: string;
  hostedZoneId: string;
}

/**
 * A custom name: an ACM certificate validated through DNS in the hosted zone, and (once what it
 * names exists) the A/AAAA alias records that point the name at it.
 */
export class CustomDomain extends Construct {
  /** The validated certificate: CloudFront and API Gateway may only use it once validated. */
  readonly certificateArn: string;
  private readonly zoneId: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: CustomDomainProps,
  ) {
    super(scope, id);
    const zone = new DataAwsRoute53Zone(this, 'zone', { name: props.hostedZone });
    this.zoneId = zone.zoneId;
    const region = props.certificateRegion;
    const certificate = new AcmCertificate(this, 'certificate', {
      region,
      domainName: props.domainName,
      validationMethod: 'DNS',
      lifecycle: { createBeforeDestroy: true },
    });
    const options = TerraformIterator.fromComplexList(
      certificate.domainValidationOptions,
      'domain_name',
    );
    const validationRecords = new Route53Record(this, 'validation-record', {
      forEach: options,
      zoneId: zone.zoneId,
      name: options.getString('resource_record_name'),
      type: options.getString('resource_record_type'),
      records: [options.getString('resource_record_value')],
      ttl: 60,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, 'validation', {
      region,
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(
        TerraformIterator.fromResources(validationRecords).pluckProperty('fqdn'),
      ),
    });
    this.certificateArn = validation.certificateArn;
  }

  /** Points the name at the target, for IPv4 and IPv6 clients. */
  aliasTo(target: AliasTarget): void {
    for (const type of ['A', 'AAAA'])
      new Route53Record(this, `alias-${type.toLowerCase()}`, {
        zoneId: this.zoneId,
        name: this.props.domainName,
        type,
        alias: {
          name: target.domainName,
          zoneId: target.hostedZoneId,
          evaluateTargetHealth: false,
        },
      });
  }
}
