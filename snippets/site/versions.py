"""Versiones de las bibliotecas con las que se construyó el sitio."""

import platform

import keras
import matplotlib
import sklearn
import tensorflow as tf

print(f"Python       {platform.python_version()}")
print(f"TensorFlow   {tf.__version__}")
print(f"Keras        {keras.__version__}")
print(f"scikit-learn {sklearn.__version__}")
print(f"matplotlib   {matplotlib.__version__}")
