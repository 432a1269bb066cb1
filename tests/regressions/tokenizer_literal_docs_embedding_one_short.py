# Reduced from a public study script (issue 11): a Tokenizer fitted on literal
# reviews numbers their 27 words 1..27, so Embedding(27, 10) is one row short.
# Keras raises InvalidArgumentError (indices[...] = 27 is not in [0, 27)) at fit.
import numpy as np
from tensorflow.keras.layers import LSTM, Dense, Embedding
from tensorflow.keras.models import Sequential
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

docs = ['너무 재밌어요', '참 최고에요', '참 잘 만든 영화에요', '추천하고 싶은 영화입니다.', '한 번 더 보고 싶네요', '글쎄요',
        '별로에요', '생각보다 지루해요', '연기가 어색해요', ' 재미없어요', '너무 재미없다', '참 재밌네요', '선생님이 잘 생기긴 했어요']
labels = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1])

token = Tokenizer()
token.fit_on_texts(docs)
x = token.texts_to_sequences(docs)
pad_x = pad_sequences(x, padding='pre', maxlen=5)

model = Sequential()
model.add(Embedding(27, 10))
model.add(LSTM(32))
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['acc'])
model.fit(pad_x, labels, epochs=1, batch_size=32, verbose=0)
