// Cold-init baseline B: no framework at all. The same AWS SDK clients as the service, built at
// module init, and a handler that answers the API Gateway v2 health event by hand. The floor:
// Node's own start plus loading the SDK.
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Handler,
} from 'aws-lambda';

export { sdk } from './sdk-clients';

export const handler: Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = (
  event,
) => {
  if (event.requestContext.http.method === 'GET' && event.rawPath === '/health') {
    return Promise.resolve({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"status":"ok"}',
    });
  }
  return Promise.resolve({
    statusCode: 404,
    headers: { 'content-type': 'application/json' },
    body: '{"status":"not found"}',
  });
};
