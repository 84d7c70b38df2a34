"""moto_server with one fix for moto 5.2.1's Step Functions (see /work/shared/spec/TOOLCHAIN.md).

StartExecution deep-copies the state machine together with its running executions, whose
interpreter threads hold locks that cannot be copied: every start after the first answers
HTTP 500. The copy made here shares the executions list instead of deep-copying it.
"""
import copy
import sys

from moto.server import main
from moto.stepfunctions.models import StateMachine


def _copy_sharing_executions(self, memo):
    clone = self.__class__.__new__(self.__class__)
    memo[id(self)] = clone
    for name, value in self.__dict__.items():
        setattr(clone, name, value if name == "executions" else copy.deepcopy(value, memo))
    return clone


StateMachine.__deepcopy__ = _copy_sharing_executions

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
