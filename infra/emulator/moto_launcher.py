"""moto_server with two moto 5.2.1 bugs worked around; arguments are moto_server's.

Started by infra/emulator/moto-process.ts. Checked against moto 5.2.1 only: re-check both
patches (and drop them) when moto is upgraded.
"""
import copy
import sys

import moto
from moto.server import main
from moto.stepfunctions.models import StateMachine
from moto.utilities.docker_utilities import DockerModel


def copy_sharing_executions(self, memo):
    """moto 5.2.1: start_execution deep-copies the state machine together with its running
    executions, whose interpreter threads hold an RLock ("cannot pickle '_thread.RLock'"), so
    every StartExecution after the first answers HTTP 500. Copy everything else; share the list."""
    clone = self.__class__.__new__(self.__class__)
    memo[id(self)] = clone
    for name, value in self.__dict__.items():
        setattr(clone, name, value if name == "executions" else copy.deepcopy(value, memo))
    return clone


def no_docker(self):
    """moto 5.2.1: /moto-api/data.json reads every Lambda function's docker_client and does not
    catch the DockerException raised where Docker is absent; AttributeError it skips."""
    raise AttributeError("docker_client: no Docker here (Lambda runs in the VoiceGate invoke proxy)")


StateMachine.__deepcopy__ = copy_sharing_executions
DockerModel.docker_client = property(no_docker)

if __name__ == "__main__":
    if not moto.__version__.startswith("5."):
        sys.stderr.write(f"moto {moto.__version__}: the launcher's patches were checked on moto 5.2.1 only\n")
    main(sys.argv[1:])
