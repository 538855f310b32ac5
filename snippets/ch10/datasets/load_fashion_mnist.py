"""Fashion MNIST con keras.datasets: descarga (una vez), partición y escalado."""

import keras

# La primera llamada descarga cuatro archivos a ~/.keras/datasets/fashion-mnist/
# (o a $KERAS_HOME/datasets/fashion-mnist/); las siguientes los leen de ahí.
fashion_mnist = keras.datasets.fashion_mnist.load_data()
(X_train_full, y_train_full), (X_test, y_test) = fashion_mnist

# Las últimas 5000 imágenes de entrenamiento se reservan para validación.
X_train, y_train = X_train_full[:-5000], y_train_full[:-5000]
X_valid, y_valid = X_train_full[-5000:], y_train_full[-5000:]

# Enteros de 0 a 255 -> reales de 0 a 1.
X_train, X_valid, X_test = X_train / 255.0, X_valid / 255.0, X_test / 255.0

class_names = [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
]

print("train:", X_train.shape, "valid:", X_valid.shape, "test:", X_test.shape)
print("rango:", X_train.min(), "-", X_train.max(), " dtype:", X_train.dtype)
print("primera etiqueta:", y_train[0], class_names[y_train[0]])
