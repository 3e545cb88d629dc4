import type {
  CreateAuthChallengeTriggerEvent,
  CustomEmailSenderTriggerEvent,
  CustomMessageTriggerEvent,
  CustomSMSSenderTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PostAuthenticationTriggerEvent,
  PostConfirmationTriggerEvent,
  PreAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationTriggerEvent,
  UserMigrationTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import { WorkbenchError } from '../errors';
import { ID_ALPHABETS, stableId, stableUuid } from '../template/resolve/stableId';
import { randomHex, type EventContext } from './eventContext';

/** Every trigger source the generator knows, with the @types/aws-lambda type a handler for it uses. */
export const COGNITO_TRIGGER_TYPES = {
  PreSignUp_SignUp: 'PreSignUpTriggerEvent',
  PreSignUp_AdminCreateUser: 'PreSignUpTriggerEvent',
  PreSignUp_ExternalProvider: 'PreSignUpTriggerEvent',
  PostConfirmation_ConfirmSignUp: 'PostConfirmationTriggerEvent',
  PostConfirmation_ConfirmForgotPassword: 'PostConfirmationTriggerEvent',
  PreAuthentication_Authentication: 'PreAuthenticationTriggerEvent',
  PostAuthentication_Authentication: 'PostAuthenticationTriggerEvent',
  TokenGeneration_Authentication: 'PreTokenGenerationTriggerEvent',
  TokenGeneration_HostedAuth: 'PreTokenGenerationTriggerEvent',
  TokenGeneration_RefreshTokens: 'PreTokenGenerationTriggerEvent',
  CustomMessage_SignUp: 'CustomMessageTriggerEvent',
  CustomMessage_AdminCreateUser: 'CustomMessageTriggerEvent',
  CustomMessage_ForgotPassword: 'CustomMessageTriggerEvent',
  CustomMessage_ResendCode: 'CustomMessageTriggerEvent',
  DefineAuthChallenge_Authentication: 'DefineAuthChallengeTriggerEvent',
  CreateAuthChallenge_Authentication: 'CreateAuthChallengeTriggerEvent',
  VerifyAuthChallengeResponse_Authentication: 'VerifyAuthChallengeResponseTriggerEvent',
  UserMigration_Authentication: 'UserMigrationTriggerEvent',
  UserMigration_ForgotPassword: 'UserMigrationTriggerEvent',
  CustomEmailSender_SignUp: 'CustomEmailSenderTriggerEvent',
  CustomSMSSender_SignUp: 'CustomSMSSenderTriggerEvent',
} as const;

/** A Cognito user pool trigger source, such as `PreSignUp_SignUp`. */
export type CognitoTriggerSource = keyof typeof COGNITO_TRIGGER_TYPES;

/** A Cognito user pool trigger event of any supported source. */
export type CognitoTriggerEvent =
  | PreSignUpTriggerEvent
  | PostConfirmationTriggerEvent
  | PreAuthenticationTriggerEvent
  | PostAuthenticationTriggerEvent
  | PreTokenGenerationTriggerEvent
  | CustomMessageTriggerEvent
  | DefineAuthChallengeTriggerEvent
  | CreateAuthChallengeTriggerEvent
  | VerifyAuthChallengeResponseTriggerEvent
  | UserMigrationTriggerEvent
  | CustomEmailSenderTriggerEvent
  | CustomSMSSenderTriggerEvent;

/** SAM's `Cognito` event `Trigger` names, mapped to the trigger source a first invocation carries. */
export const SAM_COGNITO_TRIGGERS: Readonly<Record<string, CognitoTriggerSource>> = {
  PreSignUp: 'PreSignUp_SignUp',
  PostConfirmation: 'PostConfirmation_ConfirmSignUp',
  PreAuthentication: 'PreAuthentication_Authentication',
  PostAuthentication: 'PostAuthentication_Authentication',
  PreTokenGeneration: 'TokenGeneration_Authentication',
  CustomMessage: 'CustomMessage_SignUp',
  DefineAuthChallenge: 'DefineAuthChallenge_Authentication',
  CreateAuthChallenge: 'CreateAuthChallenge_Authentication',
  VerifyAuthChallengeResponse: 'VerifyAuthChallengeResponse_Authentication',
  UserMigration: 'UserMigration_Authentication',
  CustomEmailSender: 'CustomEmailSender_SignUp',
  CustomSMSSender: 'CustomSMSSender_SignUp',
};

/** Options for a Cognito user pool trigger event. */
export interface CognitoEventOptions {
  /** Default `PreSignUp_SignUp`. A SAM trigger name (`PreSignUp`) is accepted too. */
  triggerSource?: string;
  /** The pool id (`<region>_<9 characters>`); default: stable from the pool name. */
  userPoolId?: string;
  userPoolName?: string;
  clientId?: string;
  email?: string;
  userAttributes?: Record<string, string>;
  clientMetadata?: Record<string, string>;
}

/** Reads a trigger source from a full name or SAM's short trigger name, or throws with the list. */
export function toCognitoTriggerSource(name: string): CognitoTriggerSource {
  if (Object.hasOwn(COGNITO_TRIGGER_TYPES, name)) return name as CognitoTriggerSource;
  const fromSam = SAM_COGNITO_TRIGGERS[name];
  if (fromSam) return fromSam;
  throw new WorkbenchError(`"${name}" is not a Cognito user pool trigger source.`, {
    code: 'UnknownCognitoTrigger',
    hint: `Use one of: ${Object.keys(COGNITO_TRIGGER_TYPES).join(', ')}.`,
  });
}

/** The id Cognito gives a pool: `<region>_<9 letters and digits>`. */
export function userPoolIdFor(name: string, context: EventContext): string {
  return `${context.region}_${stableId(`user-pool:${name}`, 9, ID_ALPHABETS.mixed)}`;
}

/** A user pool trigger event for the given trigger source. */
export function generateCognitoEvent(options: CognitoEventOptions, context: EventContext): CognitoTriggerEvent {
  const triggerSource = toCognitoTriggerSource(options.triggerSource ?? 'PreSignUp_SignUp');
  const poolName = options.userPoolName ?? 'my-user-pool';
  const sub = stableUuid(`user:${poolName}`);
  const email = options.email ?? 'jane.doe@example.com';
  const confirmed = !triggerSource.startsWith('PreSignUp') && !triggerSource.startsWith('UserMigration');
  const userAttributes: Record<string, string> = {
    ...(confirmed ? { sub, 'cognito:user_status': 'CONFIRMED', email_verified: 'true' } : {}),
    email,
    name: 'Jane Doe',
    ...options.userAttributes,
  };
  const common = {
    version: '1',
    region: context.region,
    userPoolId: options.userPoolId ?? userPoolIdFor(poolName, context),
    // Pools that sign users in by email use the user's `sub` as the user name.
    userName: sub,
    callerContext: {
      awsSdkVersion: 'aws-sdk-unknown-unknown',
      clientId: options.clientId ?? stableId(`client:${poolName}`, 26, ID_ALPHABETS.lower),
    },
  };
  const metadata = options.clientMetadata ? { clientMetadata: options.clientMetadata } : {};
  const kind = triggerSource.split('_')[0];
  switch (kind) {
    case 'PreSignUp':
      return {
        ...common,
        triggerSource: triggerSource as PreSignUpTriggerEvent['triggerSource'],
        request: { userAttributes, validationData: {}, ...metadata },
        response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      };
    case 'PostConfirmation':
      return {
        ...common,
        triggerSource: triggerSource as PostConfirmationTriggerEvent['triggerSource'],
        request: { userAttributes, ...metadata },
        response: {},
      };
    case 'PreAuthentication':
      return {
        ...common,
        triggerSource: 'PreAuthentication_Authentication',
        request: { userAttributes, validationData: {}, userNotFound: false, ...metadata },
        response: {},
      };
    case 'PostAuthentication':
      return {
        ...common,
        triggerSource: 'PostAuthentication_Authentication',
        request: { userAttributes, newDeviceUsed: false, ...metadata },
        response: {},
      };
    case 'TokenGeneration':
      return {
        ...common,
        triggerSource: triggerSource as PreTokenGenerationTriggerEvent['triggerSource'],
        request: {
          userAttributes,
          groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
          ...metadata,
        },
        response: { claimsOverrideDetails: {} },
      };
    case 'CustomMessage':
      return {
        ...common,
        triggerSource: triggerSource as CustomMessageTriggerEvent['triggerSource'],
        request: {
          userAttributes,
          codeParameter: '{####}',
          linkParameter: '{##Click Here##}',
          usernameParameter: triggerSource === 'CustomMessage_AdminCreateUser' ? '{username}' : null,
          ...metadata,
        },
        response: { smsMessage: null, emailMessage: null, emailSubject: null },
      };
    case 'DefineAuthChallenge':
      return {
        ...common,
        triggerSource: 'DefineAuthChallenge_Authentication',
        request: {
          userAttributes,
          session: [{ challengeName: 'SRP_A', challengeResult: true }],
          userNotFound: false,
          ...metadata,
        },
        response: { failAuthentication: false, issueTokens: false },
      };
    case 'CreateAuthChallenge':
      return {
        ...common,
        triggerSource: 'CreateAuthChallenge_Authentication',
        request: {
          userAttributes,
          challengeName: 'CUSTOM_CHALLENGE',
          session: [{ challengeName: 'SRP_A', challengeResult: true }],
          userNotFound: false,
          ...metadata,
        },
        response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: '' },
      };
    case 'VerifyAuthChallengeResponse':
      return {
        ...common,
        triggerSource: 'VerifyAuthChallengeResponse_Authentication',
        request: {
          userAttributes,
          privateChallengeParameters: { answer: '123456' },
          challengeAnswer: '123456',
          userNotFound: false,
          ...metadata,
        },
        response: { answerCorrect: false },
      };
    case 'UserMigration':
      return {
        ...common,
        // Migration runs before the user exists in the pool: the user name is what they typed.
        userName: email,
        triggerSource: triggerSource as UserMigrationTriggerEvent['triggerSource'],
        request: { password: 'correct horse battery staple', validationData: {}, ...metadata },
        response: { userAttributes: {}, desiredDeliveryMediums: [] },
      };
    case 'CustomEmailSender':
    case 'CustomSMSSender': {
      // The code arrives encrypted with the pool's KMS key; base64 ciphertext stands in for it.
      const code = Buffer.from(`AYADe${randomHex(context, 120)}`, 'utf8').toString('base64');
      const request = {
        type: kind === 'CustomEmailSender' ? 'customEmailSenderRequestV1' : 'customSMSSenderRequestV1',
        code,
        userAttributes,
        ...metadata,
      };
      return kind === 'CustomEmailSender'
        ? { ...common, triggerSource: 'CustomEmailSender_SignUp', request, response: {} }
        : { ...common, triggerSource: 'CustomSMSSender_SignUp', request, response: {} };
    }
    default:
      throw new WorkbenchError(`No generator for the Cognito trigger source "${triggerSource}".`);
  }
}
