# Reduced from a public tutorial (issue 9 precision pass): Conv2D on a 2D
# Input(shape=(None,)). Keras raises the rank error; lstmlint once also reported
# LS109 ("undefined last dimension"), which Keras never reaches.
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(None,))
x = layers.Conv2D(16, 3, activation="relu", padding="same")(inputs)
