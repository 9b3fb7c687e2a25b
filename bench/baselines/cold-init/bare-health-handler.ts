// No framework at all: a handler that answers the API Gateway v2 health event by hand. With a
// service's SDK clients beside it, the floor: Node's own start plus loading that SDK.
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Handler,
} from 'aws-lambda';

export const handler: Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = (
  event,
) => {
  const health = event.requestContext.http.method === 'GET' && event.rawPath === '/health';
  return Promise.resolve({
    statusCode: health ? 200 : 404,
    headers: { 'content-type': 'application/json' },
    body: health ? '{"status":"ok"}' : '{"status":"not found"}',
  });
};
