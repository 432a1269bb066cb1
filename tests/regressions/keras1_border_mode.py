# Reduced from a public tutorial (issue 9, second precision pass): Keras 1
# `border_mode=` is rejected at construction (both versions). lstmlint once read
# the layer as padding="valid" and reported every later layer as too small.
from tensorflow.keras.layers import Conv2D, MaxPooling2D
from tensorflow.keras.models import Sequential

model = Sequential()
model.add(Conv2D(16, (3, 3), border_mode="same", input_shape=(4, 4, 1)))
model.add(MaxPooling2D((2, 2)))
model.add(Conv2D(8, (3, 3), padding="same"))
model.add(MaxPooling2D((2, 2)))
