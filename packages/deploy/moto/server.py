"""moto's server with the CloudFormation handlers of gallery_moto (Cognito user pool and client,
CloudWatch alarms, the HTTP APIs themselves, the media distribution's CloudFront resources, and the
Ref of a Lambda version), and its fix for Fn::Sub variables whose names start with a digit.

    python server.py -H 127.0.0.1 -p 5000        (the arguments of moto_server)
"""

import sys

import gallery_moto.apigatewayv2  # noqa: F401  (registers the handlers)
import gallery_moto.awslambda  # noqa: F401  (gives Lambda versions their ARN as Ref)
import gallery_moto.cloudfront  # noqa: F401
import gallery_moto.cloudwatch  # noqa: F401
import gallery_moto.cognito  # noqa: F401
import gallery_moto.sub  # noqa: F401  (installs the Fn::Sub fix)
from moto.server import main

if __name__ == "__main__":
    main(sys.argv[1:])
