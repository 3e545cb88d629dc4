// GET /users/{id}: answers with a greeting for the user. ES module handler (async).
const prefix = process.env.GREETING_PREFIX ?? 'Hello';

export const handler = async (event, context) => {
  const id = event.pathParameters?.id;
  console.log('Looking up user', id);
  if (!id) {
    return { statusCode: 400, body: JSON.stringify({ message: 'Missing user id' }) };
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      id,
      message: `${prefix}, user ${id}!`,
      stage: process.env.STAGE,
      requestId: context.awsRequestId,
    }),
  };
};
