"""The shared library's C API (runtime/include/ndp/abi.h) declared for ctypes."""
import ctypes


def load(path):
    lib = ctypes.CDLL(path)
    lib.ndp_create.restype = ctypes.c_void_p
    lib.ndp_create.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_char_p)]
    lib.ndp_run.argtypes = [ctypes.c_void_p, ctypes.c_int64]
    lib.ndp_current_step.argtypes = [ctypes.c_void_p]
    lib.ndp_current_step.restype = ctypes.c_int64
    lib.ndp_values.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int64)]
    lib.ndp_values.restype = ctypes.POINTER(ctypes.c_float)
    lib.ndp_last_error.argtypes = [ctypes.c_void_p]
    lib.ndp_last_error.restype = ctypes.c_char_p
    lib.ndp_last_error_kind.argtypes = [ctypes.c_void_p]
    lib.ndp_destroy.argtypes = [ctypes.c_void_p]
    return lib
