import type { TemplateSchema } from '../../../src/core/template/schema/templateSchema';
import { completeTemplate } from '../../../src/core/template/language/completeTemplate';
import type { CompletionItem } from '../../../src/core/template/language/completionItem';
import type { FileSystemView } from '../../../src/core/template/language/fileSystemView';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { testTemplateSchema } from '../../support/testTemplateSchema';
import { atMarker } from './memoryFileSystem';

/** The project's generated schema (generated first in a fresh clone), loaded once for all language tests. */
export function projectSchema(): TemplateSchema {
  return testTemplateSchema();
}

/** A SAM template exercising parameters, conditions, mappings, SAM-generated resources and intrinsics. */
export const APP_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
    Description: Deployment stage.
  Unused:
    Type: Number
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
Mappings:
  StageSettings:
    dev:
      Memory: 256
    prod:
      Memory: 1024
Globals:
  Function:
    Runtime: nodejs22.x
Resources:
  UsersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/users/
      Handler: app.handler
      AutoPublishAlias: live
      MemorySize: !FindInMap [StageSettings, !Ref Stage, Memory]
      Environment:
        Variables:
          QUEUE_URL: !Ref OrdersQueue
      Events:
        GetUser:
          Type: Api
          Properties:
            Path: /users/{id}
            Method: get
  OrdersQueue:
    Type: AWS::SQS::Queue
    Condition: IsProd
    Properties:
      VisibilityTimeout: 60
Outputs:
  QueueArn:
    Value: !GetAtt OrdersQueue.Arn
  ApiUrl:
    Value: !Sub 'https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/\${Stage}'
  Alias:
    Value: !Ref UsersFunction.Alias
`;

/** Completion labels at the `¦` marker of a template, parsed fresh. */
export async function completionAt(
  textWithMarker: string,
  fileSystem?: FileSystemView,
): Promise<{ items: CompletionItem[]; labels: string[]; text: string; isIncomplete: boolean }> {
  const { text, offset } = atMarker(textWithMarker);
  const document = TemplateDocument.parse(text, projectSchema());
  const result = await completeTemplate({ document, offset, ...(fileSystem ? { fileSystem } : {}) });
  return {
    items: result.items,
    labels: result.items.map((item) => item.label),
    text,
    isIncomplete: result.isIncomplete,
  };
}

/** Replaces the first occurrence of `from` in APP_TEMPLATE (which must exist). */
export function appTemplateWith(from: string, to: string): string {
  if (!APP_TEMPLATE.includes(from)) throw new Error(`APP_TEMPLATE has no ${from}`);
  return APP_TEMPLATE.replace(from, to);
}
