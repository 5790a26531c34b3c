"""moto's server with the additions of gallery_moto: CloudFormation handlers of the Cognito user pool and
client, and Fn::Sub variables whose names start with a digit.

    python server.py -H 127.0.0.1 -p 5000        (the arguments of moto_server)
"""

import sys

import gallery_moto.cognito  # noqa: F401  (registers the handlers)
import gallery_moto.sub  # noqa: F401  (installs the Fn::Sub fix)
from moto.server import main

if __name__ == "__main__":
    main(sys.argv[1:])
